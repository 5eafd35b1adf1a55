import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_backoffice_tour", {
    steps: () => [
        {
            content: "Create a new contact",
            trigger:
                ".o_control_panel_main_buttons .o-kanban-button-new, .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "It is a company",
            trigger: '.o_field_widget[name="company_type"] input[data-value="company"]',
            run: "click",
        },
        {
            content: "Company name",
            trigger:
                '.o_field_widget[name="name"]:not(.o_invisible_modifier) textarea, .o_field_widget[name="name"] input',
            run: "edit Tour Trading BV",
        },
        {
            content: "Open the B2B page",
            trigger: '.o_notebook .nav-link:contains("B2B")',
            run: "click",
        },
        {
            content: "Department",
            trigger: '.o_field_widget[name="b2b_department"] input',
            run: "edit Purchasing",
        },
        {
            content: "Chamber of Commerce number",
            trigger: '.tab-pane.active .o_field_widget[name="company_registry"] input',
            run: "edit KVK 12345678",
        },
        {
            content: "Make it a B2B account",
            trigger: '.o_field_widget[name="is_b2b"] input',
            run: "click",
        },
        {
            content: "The review section appears",
            trigger: '.o_field_widget[name="b2b_credit_check"]',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The request waits for approval",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Waiting for approval")',
        },
        {
            content: "Approve",
            trigger: 'button[name="action_b2b_approve"]',
            run: "click",
        },
        {
            content: "Approved",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Approved")',
        },
        {
            content: "The customer number is shown",
            trigger: '.tab-pane.active .o_field_widget[name="ref"] input',
            run: function () {
                if (!/^C\d{5}$/.test(this.anchor.value)) {
                    throw new Error(`No customer number shown: "${this.anchor.value}"`);
                }
            },
        },
    ],
});
