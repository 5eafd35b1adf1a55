import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_assistance_tour", {
    steps: () => [
        {
            content: "Open the contact's B2B page",
            trigger: '.o_notebook .nav-link:contains("B2B")',
            run: "click",
        },
        {
            content: "Act on behalf of the buyer",
            trigger: 'button[name="action_b2b_assist"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The portal, as the buyer, with the banner",
            trigger:
                ".o_b2b_assist_banner:contains(Ulrich User):contains(Alpha Trading)",
            run() {
                window.location.href = "/my/requisition-lists";
            },
            expectUnloadPage: true,
        },
        {
            content: "Order from the buyer's requisition list",
            trigger:
                ".o_b2b_requisition_lists tr:contains(Weekly screws) a:contains(Order)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Check the prices",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Place the order",
            trigger: ".o_b2b_quick_order_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order says who placed it for whom",
            trigger: ".o_b2b_placed_by:contains(Bert Backoffice):contains(Ulrich User)",
        },
        {
            content: "End acting",
            trigger: ".o_b2b_assist_banner .o_b2b_assist_end",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back in the back office, on the contact",
            trigger:
                ".o_form_view .o_field_widget[name=name]:contains(Ulrich User), .o_form_view .o_field_widget[name=name] :value(Ulrich User)",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_assistance_trail_tour", {
    steps: () => [
        {
            content: "The administrator reads who acted for whom and what was ordered",
            trigger:
                ".o_b2b_assistance_trail tr:contains(Bert Backoffice):contains(Ulrich User):contains(Created)",
        },
        {
            content: "and who may act on the company's behalf",
            trigger:
                "select#b2b_assistance_policy:has(option:selected:contains(Our salesperson))",
        },
    ],
});
