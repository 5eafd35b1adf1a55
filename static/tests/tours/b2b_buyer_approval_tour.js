import {registry} from "@web/core/registry";

// Data from tests/test_buyer_approval_http.py: a quotation "Approval Tour
// Quote" over the buyer's order limit.
registry.category("web_tour.tours").add("b2b_buyer_approval_accept_tour", {
    steps: () => [
        {
            content: "The buyer opens the quotation",
            trigger: 'a:contains("Approval Tour Quote")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Accept & Sign",
            trigger: 'a[data-bs-target="#modalaccept"]:contains("Accept & Sign")',
            run: "click",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order waits for the company's approval",
            trigger: ".o_b2b_order_waiting:contains(over the order limit)",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_buyer_approval_approve_tour", {
    steps: () => [
        {
            content: "The approver sees the order in the approvals",
            trigger: '.o_portal_docs a[href="/my/approvals"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reason is given",
            trigger:
                ".o_b2b_approval:contains(Approval Tour Quote):contains(over the order limit)",
        },
        {
            content: "A comment",
            trigger: ".o_b2b_approval textarea[name=comment]",
            run: "edit Within this month's plan",
        },
        {
            content: "Approve",
            trigger: ".o_b2b_approval .o_b2b_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Approved",
            trigger: ".alert-success:contains(The order was approved)",
        },
        {
            content: "Nothing else waits",
            trigger: ".o_b2b_approvals:not(:has(.o_b2b_approval))",
        },
    ],
});

// Data from tests/test_buyer_approval_bulk.py: three orders waiting for the
// approver.
registry.category("web_tour.tours").add("b2b_buyer_approval_bulk_tour", {
    steps: () => [
        {
            content: "Three orders wait",
            trigger:
                ".o_b2b_approvals:has(.o_b2b_approval + .o_b2b_approval + .o_b2b_approval)",
        },
        {
            content: "Select all orders of the page",
            trigger: ".o_b2b_select_all",
            run: "click",
        },
        {
            content: "Every order is ticked",
            trigger: ".o_b2b_approvals:not(:has(.o_b2b_select_order:not(:checked)))",
        },
        {
            content: "One comment for all",
            trigger: "#o_b2b_bulk_comment",
            run: "edit All three agreed",
        },
        {
            content: "Approve the selected orders",
            trigger: ".o_b2b_bulk_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Three approved",
            trigger: ".o_b2b_bulk_result:contains(Orders approved: 3)",
        },
        {
            content: "Nothing else waits",
            trigger: ".o_b2b_approvals:not(:has(.o_b2b_approval))",
        },
    ],
});
