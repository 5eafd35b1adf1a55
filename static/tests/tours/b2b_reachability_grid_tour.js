import {registry} from "@web/core/registry";

function cell(day, hour) {
    return `.o_b2b_reachability_grid td[data-day='${day}'][data-hour='${hour}']`;
}

function slotRow(...texts) {
    const contains = texts.map((text) => `:contains(${text})`).join("");
    return `.o_field_widget[name=b2b_reachability_ids] .o_data_row${contains}`;
}

function mouse(el, type) {
    el.dispatchEvent(new MouseEvent(type, {bubbles: type !== "mouseenter"}));
}

registry.category("web_tour.tours").add("b2b_reachability_grid_tour", {
    steps: () => [
        {
            content: "Open the B2B page",
            trigger: ".o_notebook .nav-link:contains(B2B)",
            run: "click",
        },
        {
            content:
                "Wednesday 08:30-12:15: its first and last hours are partly covered",
            trigger: `${cell(2, 8)}.o_b2b_cell_partial:not(.o_b2b_cell_on)`,
        },
        {
            trigger: `${cell(2, 9)}.o_b2b_cell_on:not(.o_b2b_cell_partial)`,
        },
        {
            trigger: `${cell(2, 12)}.o_b2b_cell_partial:not(.o_b2b_cell_on)`,
        },
        {
            trigger: `${cell(2, 13)}:not(.o_b2b_cell_on):not(.o_b2b_cell_partial)`,
        },
        {
            content: "Edit the Wednesday slot in the list: until 13:15",
            trigger: `${slotRow("Wednesday", "08:30", "12:15")} td[name=hour_to]`,
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=b2b_reachability_ids] .o_selected_row td[name=hour_to] input",
            run: "edit 13:15",
        },
        {
            content: "Leave the row",
            trigger: ".o_b2b_reachability_grid thead th:first-child",
            run: "click",
        },
        {
            content: "The grid follows the list",
            trigger: `${cell(2, 12)}.o_b2b_cell_on:not(.o_b2b_cell_partial)`,
        },
        {
            trigger: `${cell(2, 13)}.o_b2b_cell_partial`,
        },
        {
            content: "Click Monday 09:00",
            trigger: cell(0, 9),
            run: "click",
        },
        {
            content: "The list follows the grid",
            trigger: slotRow("Monday", "09:00", "10:00"),
        },
        {
            content: "Drag over Tuesday 08:00 to 10:00",
            trigger: cell(1, 8),
            run() {
                mouse(this.anchor, "mousedown");
                for (const hour of [9, 10]) {
                    mouse(document.querySelector(cell(1, hour)), "mouseenter");
                }
                mouse(document.querySelector(cell(1, 10)), "mouseup");
            },
        },
        {
            content: "The dragged cells are green",
            trigger: `${cell(1, 10)}.o_b2b_cell_on`,
        },
        {
            trigger: slotRow("Tuesday", "08:00", "11:00"),
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "Open the B2B page again",
            trigger: ".o_notebook .nav-link:contains(B2B)",
            run: "click",
        },
        {
            content: "The cells are still set after reloading",
            trigger: `${cell(0, 9)}.o_b2b_cell_on`,
        },
        {
            trigger: `${cell(1, 8)}.o_b2b_cell_on`,
        },
        {
            trigger: `${cell(1, 11)}:not(.o_b2b_cell_on)`,
        },
        {
            content: "The Wednesday slot kept its minutes",
            trigger: `${cell(2, 8)}.o_b2b_cell_partial`,
        },
        {
            trigger: `${cell(2, 13)}.o_b2b_cell_partial`,
        },
        {
            trigger: slotRow("Wednesday", "08:30", "13:15"),
        },
    ],
});
