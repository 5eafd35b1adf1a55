import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_company_remove_tour", {
    steps: () => [
        {
            content: "Remove Ulrich",
            trigger:
                '.o_b2b_colleagues tr:contains("Ulrich User") form.o_b2b_confirm button[confirm]',
            run: "click",
        },
        {
            content: "The dialog asks first",
            trigger: '.modal .modal-body:contains("Remove this colleague?")',
        },
        {
            content: "Accept",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The success banner",
            trigger: '.alert-success:contains("The colleague was removed")',
        },
        {
            content: "Ulrich is no longer listed",
            trigger: '.o_b2b_colleagues:not(:has(td:contains("Ulrich User")))',
        },
    ],
});
