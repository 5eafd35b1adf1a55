/* The webshop's cart of a B2B buyer whose assortment sells a box in
 * multiples of 6 (tested on a database with website_sale: make test-shop).
 * Plain selectors of Odoo's cart: the module does not depend on
 * website_sale. The cart (6 boxes) is filled by the test. */
import {registry} from "@web/core/registry";

const quantity = "#cart_products input.js_quantity";

registry.category("web_tour.tours").add("b2b_assortment_cart_tour", {
    url: "/shop/cart",
    steps: () => [
        {
            content: "Ask for 8 boxes",
            trigger: `${quantity}:value(6)`,
            run() {
                const input = document.querySelector(quantity);
                input.value = "8";
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The rule is explained with the quantity set",
            trigger:
                "#data_warning:contains(Sold in multiples of 6 (Units): 6 or 12?):contains(The quantity is now 12.)",
            timeout: 20000,
        },
        {
            content: "The line holds the nearest valid quantity after the change",
            trigger: `${quantity}:value(12)`,
        },
        {
            content: "The line is marked with the rule",
            trigger: "#cart_products .fa-warning[title*='The quantity is now 12.']",
        },
    ],
});
