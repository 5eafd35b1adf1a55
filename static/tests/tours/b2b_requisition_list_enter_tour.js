import {registry} from "@web/core/registry";

/**
 * Presses Enter in a text input as a browser does: the form the input
 * belongs to is submitted by its default button (the first submit button
 * whose form it is, HTML's "implicit submission"). Hoot's "press Enter"
 * only dispatches a submit event on the closest form element.
 */
function pressEnter() {
    const input = document.querySelector(
        ".o_b2b_quick_order_preview input[name=list_name]"
    );
    const defaultButton = [...input.form.elements].find((element) =>
        element.matches("button[type=submit], input[type=submit]")
    );
    defaultButton.click();
}

registry.category("web_tour.tours").add("b2b_requisition_list_enter_tour", {
    steps: () => [
        {
            content: "Paste two lines",
            trigger: "textarea#b2b_quick_lines",
            run: "edit SCREW-100;2",
        },
        {
            content: "Check the prices",
            trigger: ".o_b2b_quick_order_check",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Name the list",
            trigger: ".o_b2b_quick_order_preview input[name=list_name]",
            run: "edit Weekly screws",
        },
        {
            content: "Press Enter in the name: the list is saved, no quotation",
            trigger: ".o_b2b_quick_order_preview input[name=list_name]",
            run: pressEnter,
            expectUnloadPage: true,
        },
        {
            content: "The requisition lists, with the new one",
            trigger: ".o_b2b_requisition_lists:contains(Weekly screws)",
        },
    ],
});
