import {registry} from "@web/core/registry";

function cell(day, hour) {
    return `.o_b2b_reachability_grid td[data-day='${day}'][data-hour='${hour}']`;
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
            content: "Click Monday 09:00",
            trigger: cell(0, 9),
            run: "click",
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
    ],
});
