/* The webshop's checkout of a B2B buyer (tested on a database with
 * website_sale: make test-shop). Plain selectors of Odoo's shop and payment
 * form: the module does not depend on website_sale. The cart is filled by
 * the test. */
import {registry} from "@web/core/registry";

// the buyer's address is complete: the shop goes on to the payment step
const toPayment = [
    {
        content: "Checkout the cart",
        trigger: 'a[name="website_sale_main_button"][href^="/shop/checkout"]',
        run: "click",
        expectUnloadPage: true,
    },
];

registry.category("web_tour.tours").add("b2b_shop_pay_on_account_tour", {
    url: "/shop/cart",
    steps: () => [
        ...toPayment,
        {
            content: "Pay on Account is offered, with the available credit",
            trigger: ".o_b2b_on_account_note:contains(Available credit)",
        },
        {
            content: "Choose Pay on Account",
            trigger:
                'input[name="o_payment_radio"][data-payment-method-code="b2b_on_account"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: 'button[name="o_payment_submit_button"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is confirmed on account",
            trigger: "#o_payment_status_message:contains(pay it on account)",
            timeout: 30000,
        },
    ],
});

registry.category("web_tour.tours").add("b2b_shop_submit_for_approval_tour", {
    url: "/shop/cart",
    steps: () => [
        ...toPayment,
        {
            content:
                "Only the submission is offered: nothing is paid before the approval",
            trigger:
                'input[name="o_payment_radio"][data-payment-method-code="b2b_buyer_approval"]',
            run: "click",
        },
        {
            content: "No paying method is offered",
            trigger:
                'body:not(:has(input[name="o_payment_radio"][data-payment-method-code="demo"]))',
        },
        {
            content: "Submit",
            trigger: 'button[name="o_payment_submit_button"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Sent to the approvers",
            trigger: "#o_payment_status_message:contains(sent to the approvers)",
            timeout: 30000,
        },
    ],
});
