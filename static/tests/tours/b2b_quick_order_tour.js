import {registry} from "@web/core/registry";

/** Types several lines into the quick order's textarea (the tour's "edit"
 * takes one line only). */
function typeLines(lines) {
    return () => {
        const textarea = document.querySelector("textarea#b2b_quick_lines");
        textarea.value = lines.join("\n");
        textarea.dispatchEvent(new Event("input", {bubbles: true}));
    };
}

registry.category("web_tour.tours").add("b2b_quick_order_tour", {
    steps: () => [
        {
            content: "Paste three lines, one with a mistyped code",
            trigger: "textarea#b2b_quick_lines",
            run: typeLines(["SCREW-100;2", "TYPO-1;1", "NUT-M8;4"]),
        },
        {
            content: "Check the prices",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The unknown code is listed with its line number",
            trigger: ".o_b2b_quick_order_line_errors:contains(Line 2):contains(TYPO-1)",
        },
        {
            content: "Fix the code (the other lines were kept)",
            trigger: "textarea#b2b_quick_lines.is-invalid",
            run: typeLines(["SCREW-100;2", "BOLT-5;1", "NUT-M8;4"]),
        },
        {
            content: "Check the prices again",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Three lines with prices and the total",
            trigger:
                ".o_b2b_quick_order_preview:has(tr.o_b2b_quick_order_line:eq(2)) .o_b2b_quick_order_total",
        },
        {
            content: "Pay later: no online payment",
            trigger: ".o_b2b_quick_order_payment:contains(Pay later)",
        },
        {
            content: "Create the quotation",
            trigger: ".o_b2b_quick_order_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Odoo's order page: accept and sign",
            trigger: 'a[data-bs-target="#modalaccept"]:contains("Accept & Sign")',
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_name_and_signature input:value(Ulrich User)",
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
            content: "The order is confirmed",
            trigger: '#quote_content:contains("Thank You")',
        },
    ],
});
