import {registry} from "@web/core/registry";

/** Types several lines into a textarea (the tour's "edit" takes one line
 * only). */
function typeLines(selector, lines) {
    return () => {
        const textarea = document.querySelector(selector);
        textarea.value = lines.join("\n");
        textarea.dispatchEvent(new Event("input", {bubbles: true}));
    };
}

// Data from tests/test_quote_tour.py: the products BOLT-M10 and WASHER-M10.
registry.category("web_tour.tours").add("b2b_quote_request_tour", {
    steps: () => [
        {
            content: "Paste the lines into the quick order",
            trigger: "textarea#b2b_quick_lines",
            run: typeLines("textarea#b2b_quick_lines", [
                "BOLT-M10;100",
                "WASHER-M10;50",
            ]),
        },
        {
            content: "Check the prices",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "From the preview: request a quote instead",
            trigger: ".o_b2b_quote_from_preview",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Ask for a price on the bolts",
            trigger: "textarea#b2b_quote_lines",
            run: typeLines("textarea#b2b_quote_lines", [
                "BOLT-M10;100;9.50",
                "WASHER-M10;50",
            ]),
        },
        {
            content: "A message",
            trigger: "textarea#b2b_quote_message",
            run: "edit Our volume for the year",
        },
        {
            content: "The purchase order number",
            trigger: "input#b2b_quote_ref",
            run: "edit PO-TOUR-1",
        },
        {
            content: "Request the quote",
            trigger: ".o_b2b_quote_request_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The quote waits for the seller's offer",
            trigger: ".o_b2b_quote_waiting",
            timeout: 30000,
        },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_seller_offer_tour", {
    steps: () => [
        {
            content: "The request is in the Quote Requests list",
            trigger: ".o_data_row td:contains(Tour Quote)",
            run: "click",
        },
        {
            content: "Open the bolts' unit price",
            trigger:
                ".o_field_one2many[name=order_line] .o_data_row:first td[name=price_unit]",
            run: "click",
        },
        {
            content: "Counter one line: 10.80 for the bolts",
            trigger:
                ".o_field_one2many[name=order_line] .o_data_row:first [name=price_unit] input",
            run: "edit 10.80",
        },
        {
            content: "Send the offer",
            trigger: "button[name=action_b2b_quote_send_offer]:visible",
            run: "click",
        },
        {
            content: "Offered",
            trigger: ".o_field_widget[name=b2b_quote_state]:contains(Offered)",
            // saving, the offer and its mail: slow on a busy machine
            timeout: 30000,
        },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_counter_tour", {
    steps: () => [
        {
            content: "The offer against the request",
            trigger: ".o_b2b_quote_comparison:contains(100 × 10.80)",
        },
        {
            content: "Counter-offer",
            trigger: ".o_b2b_quote_counter_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "200 bolts",
            trigger: ".o_b2b_quote_counter_form tbody tr:first input[name^=qty_]",
            run: "edit 200",
        },
        {
            content: "at 10.00",
            trigger: ".o_b2b_quote_counter_form tbody tr:first input[name^=price_]",
            run: "edit 10.00",
        },
        {
            content: "A message",
            trigger: "textarea#b2b_counter_message",
            run: "edit Twice the volume at 10.00?",
        },
        {
            content: "Send the counter-offer",
            trigger: ".o_b2b_quote_counter_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Sent; the seller answers",
            trigger: ".o_b2b_quote_waiting",
            timeout: 30000,
        },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_seller_accept_tour", {
    steps: () => [
        {
            content: "The counter-offer is in the Quote Requests list",
            trigger: ".o_data_row td:contains(Tour Quote)",
            run: "click",
        },
        {
            content: "Accept the counter-offer",
            trigger: "button[name=action_b2b_quote_accept_counter]",
            run: "click",
        },
        {
            content: "Offered again",
            trigger: ".o_field_widget[name=b2b_quote_state]:contains(Offered)",
            timeout: 30000,
        },
    ],
});

registry.category("web_tour.tours").add("b2b_quote_accept_tour", {
    steps: () => [
        {
            content: "The revisions compared",
            trigger: ".o_b2b_quote_revisions:contains(10.80 -> 10.00)",
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
            content: "The order is confirmed",
            trigger: "#o_sale_portal_paynow, .o_portal_sidebar:contains(Sales Order)",
            timeout: 30000,
        },
    ],
});
