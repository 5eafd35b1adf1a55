import {registry} from "@web/core/registry";

function selectRow(reference) {
    return {
        content: `Select the invoice ${reference}`,
        trigger: `tr:has(td:contains("${reference}")) input.o_b2b_pay_check`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("b2b_invoicing_pay_tour", {
    steps: () => [
        {
            content: "The list offers to pay several invoices",
            trigger: "#o_b2b_pay_form .o_b2b_pay_selected",
        },
        {
            content: "Nothing selected yet",
            trigger: ".o_b2b_pay_live .o_b2b_pay_live_none:visible",
        },
        selectRow("Alpha Subsidiary"),
        {
            content: "The total of the ticked invoice, before submitting",
            trigger: ".o_b2b_pay_live_total:contains('300.00')",
        },
        {
            content: "Select the company's two invoices",
            trigger: "tr:has(td:contains('Alpha Trading')) input.o_b2b_pay_check",
            run() {
                for (const box of document.querySelectorAll(
                    "tr input.o_b2b_pay_check:not(:checked)"
                )) {
                    box.click();
                }
            },
        },
        {
            content: "The total of the three invoices",
            trigger: ".o_b2b_pay_live_total:contains('600.00')",
        },
        {
            content: "Pay part of the 200.00 invoice",
            trigger: "tr:has(td:contains('200.00')) input.o_b2b_pay_amount",
            run: "edit 150",
        },
        {
            content: "The total follows the amount typed",
            trigger: ".o_b2b_pay_live_total:contains('550.00')",
        },
        {
            content: "Pay the selection",
            trigger: "#o_b2b_pay_form .o_b2b_pay_selected",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The total of the selection",
            trigger: ".o_b2b_pay_totals li:contains('550.00')",
        },
        {
            content: "Choose the payment method",
            trigger: "#o_payment_form input[name='o_payment_radio']",
            run: "click",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Odoo's payment status page",
            trigger: "body:not(:has(#o_payment_form))",
        },
    ],
});

registry.category("web_tour.tours").add("b2b_invoicing_statement_tour", {
    steps: () => [
        {
            content: "Open the statement of account",
            trigger: '.o_portal_docs a[href="/my/statement"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Show it",
            trigger: ".o_b2b_statement_form button[value='html']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The subsidiary's invoice, with the company column",
            trigger: ".o_b2b_statement_line:contains('TOUR-3') .o_b2b_company_column",
        },
        {
            content: "The payment of the three invoices",
            trigger: ".o_b2b_statement_line:contains('Payment')",
        },
        {
            content: "Download the CSV",
            trigger: ".o_b2b_statement_form .o_b2b_statement_csv",
            run: "click",
        },
    ],
});
