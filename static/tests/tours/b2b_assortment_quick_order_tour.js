import {registry} from "@web/core/registry";

/** Types several lines into the quick order's textarea. */
function typeLines(lines) {
    return () => {
        const textarea = document.querySelector("textarea#b2b_quick_lines");
        textarea.value = lines.join("\n");
        textarea.dispatchEvent(new Event("input", {bubbles: true}));
    };
}

registry.category("web_tour.tours").add("b2b_assortment_quick_order_tour", {
    steps: () => [
        {
            content: "Paste codes: one outside the assortment, one breaking a multiple",
            trigger: "textarea#b2b_quick_lines",
            run: typeLines(["BOLT-1;2", "NUT-M8;1", "PALLET-12;30"]),
        },
        {
            content: "Check the prices",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The product outside the assortment is refused",
            trigger:
                ".o_b2b_quick_order_line_errors:contains(Line 2):contains(NUT-M8):contains(not sold to you)",
        },
        {
            content: "The multiple is explained with the nearest valid quantities",
            trigger:
                ".o_b2b_quick_order_line_errors:contains(Line 3):contains(Sold in multiples of 12 (Units): 24 or 36?)",
        },
        {
            content: "Remove the refused product, order 36",
            trigger: "textarea#b2b_quick_lines.is-invalid",
            run: typeLines(["BOLT-1;2", "PALLET-12;36"]),
        },
        {
            content: "Check the prices again",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Two lines with prices and the total",
            trigger:
                ".o_b2b_quick_order_preview:has(tr.o_b2b_quick_order_line:eq(1)) .o_b2b_quick_order_total",
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
