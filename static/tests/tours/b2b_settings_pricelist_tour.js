import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_settings_pricelist_tour", {
    steps: () => [
        {
            content: "Change the B2B review target",
            trigger:
                '.app_settings_block[data-key="b2b_customer"] .o_field_widget[name="b2b_sla_hours"] input',
            run: "edit 36",
        },
        {
            content: "Save the settings",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the settings show the new target",
            trigger:
                '.o-settings-form-view:not(:has(.o_dirty_warning)) .o_field_widget[name="b2b_sla_hours"] input:value("36")',
        },
    ],
});
