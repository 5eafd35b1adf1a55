import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";
import {ConfirmationDialog} from "@web/core/confirmation_dialog/confirmation_dialog";

/**
 * Portal forms of the module whose submit button carries a ``confirm``
 * attribute (translated by Odoo like the back office's ``confirm``) ask
 * before they are sent, in Odoo's own confirmation dialog.
 */
export class B2bConfirm extends Interaction {
    static selector = "form.o_b2b_confirm";
    dynamicContent = {
        _root: {"t-on-submit": this.onSubmit},
    };

    setup() {
        this.confirmed = false;
    }

    onSubmit(ev) {
        const button = ev.submitter || this.el.querySelector("[confirm]");
        const message = button && button.getAttribute("confirm");
        if (!message || this.confirmed) {
            return;
        }
        ev.preventDefault();
        this.services.dialog.add(ConfirmationDialog, {
            body: message,
            confirm: () => {
                this.confirmed = true;
                if (button && button.name) {
                    const input = document.createElement("input");
                    input.type = "hidden";
                    input.name = button.name;
                    input.value = button.value;
                    this.el.appendChild(input);
                }
                this.el.submit();
            },
            cancel: () => {},
        });
    }
}

registry.category("public.interactions").add("b2b_customer.confirm", B2bConfirm);
