import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";

/**
 * The "select all" box of the orders waiting for approval ticks or clears
 * every order of the page for the batch decision.
 */
export class B2bSelectAll extends Interaction {
    static selector = ".o_b2b_approvals";
    dynamicContent = {
        ".o_b2b_select_all": {"t-on-change": this.onSelectAll},
    };

    onSelectAll(ev) {
        for (const box of this.el.querySelectorAll(".o_b2b_select_order")) {
            box.checked = ev.currentTarget.checked;
        }
    }
}

registry.category("public.interactions").add("b2b_customer.select_all", B2bSelectAll);
