import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_approval_queue_tour", {
    steps: () => [
        {
            content: "The queue opens on the requests waiting for approval",
            trigger: '.o_searchview_facet:contains("Waiting for Account Approval")',
        },
        {
            content: "Select the first request",
            trigger:
                '.o_data_row:contains("Queue One BV") .o_list_record_selector input',
            run: "click",
        },
        {
            content: "Select the second request",
            trigger:
                '.o_data_row:contains("Queue Two BV") .o_list_record_selector input',
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_control_panel .o_cp_action_menus button",
            run: "click",
        },
        {
            content: "Review the selected requests",
            trigger:
                '.o-dropdown--menu .o-dropdown-item:contains("Review B2B Requests")',
            run: "click",
        },
        {
            content: "Approve is the default decision",
            trigger:
                '.modal .o_field_widget[name="decision"] input[data-value="approve"]:checked',
        },
        {
            content: "Confirm",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The approved requests leave the queue",
            trigger: '.o_list_view:not(:has(.o_data_row:contains("Queue One BV")))',
        },
        {
            content: "Open the third request",
            trigger: '.o_data_row:contains("Queue Three BV") td[name="complete_name"]',
            run: "click",
        },
        {
            content: "Reject it",
            trigger: 'button[name="action_b2b_reject"]',
            run: "click",
        },
        {
            content: "Explain why",
            trigger: '.modal .o_field_widget[name="message"] textarea',
            run: "edit We only sell to registered resellers.",
        },
        {
            content: "Confirm the rejection",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The request is rejected",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Rejected")',
        },
    ],
});
