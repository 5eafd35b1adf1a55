import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_credit_tour", {
    steps: () => [
        {
            content: "The portal home shows the company's credit",
            trigger:
                '.o_portal_docs a[href="/my/b2b#b2b_credit"]:contains("Company credit")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The B2B page shows limit, used and available credit",
            trigger: "#b2b_credit .o_b2b_credit_available",
        },
        {
            content: "Overdue invoices are one click away",
            trigger: '#b2b_credit a[href="/my/invoices?filterby=overdue_invoices"]',
        },
        {
            content: "Back to the portal home",
            trigger:
                '.o_portal_submenu a[href="/my/home"], .breadcrumb a[href="/my/home"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Go to the quotations",
            trigger: '.o_portal_docs a[href="/my/quotes"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the large quotation",
            trigger: 'a:contains("Credit Tour Quote")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The buyer reads why it cannot be paid by invoice",
            trigger: ".o_b2b_credit_blocked:contains(exceeds your available credit)",
        },
        {
            content: "It can still be paid online: Sign & Pay",
            trigger: 'a[data-bs-target="#modalaccept"]:contains("Sign & Pay")',
            run: "click",
        },
        {
            content: "The signature dialog opens",
            trigger: "#modalaccept .modal-content",
        },
    ],
});
