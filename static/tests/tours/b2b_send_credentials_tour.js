import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_send_credentials_tour", {
    steps: () => [
        {
            content: "Open the B2B page of the contact",
            trigger: '.o_notebook .nav-link:contains("B2B")',
            run: "click",
        },
        {
            content: "Send the credentials",
            trigger: 'button[name="action_b2b_send_credentials"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Staff are told the invitation is on its way",
            trigger: '.o_notification:contains("invitation is queued")',
        },
    ],
});
