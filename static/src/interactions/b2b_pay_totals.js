import {Interaction} from "@web/public/interaction";
import {registry} from "@web/core/registry";
import {formatCurrency} from "@web/core/currency";

/**
 * The total per currency of the invoices ticked on /my/invoices, with the
 * amounts typed, updated as the buyer ticks boxes and changes amounts. The
 * amounts are read as the server reads them (a comma or a point before the
 * decimals); an amount the server would refuse is marked and left out. The
 * server remains the authority: the pay page checks and totals the selection
 * again. Without JavaScript the block stays hidden and the form works alike.
 */
export class B2bPayTotals extends Interaction {
    static selector = "#o_b2b_pay_form";
    dynamicContent = {
        _document: {
            "t-on-change": this.onEdit,
            "t-on-input": this.onEdit,
        },
        ".o_b2b_pay_live": {"t-att-class": () => ({"d-none": false})},
    };

    start() {
        this.update();
    }

    onEdit(ev) {
        if (ev.target.matches?.(".o_b2b_pay_check, .o_b2b_pay_amount")) {
            this.update();
        }
    }

    /** The amount of an input as the server reads it, or null. */
    readAmount(input) {
        const text = input.value.trim();
        if (!text) {
            return Number(input.dataset.b2bDefault);
        }
        if (!/^[0-9]*[.,]?[0-9]*$/.test(text)) {
            return null;
        }
        const amount = Number(text.replace(",", "."));
        const open = Number(input.dataset.b2bOpen);
        if (!Number.isFinite(amount) || amount <= 0 || amount > open + 1e-9) {
            return null;
        }
        return amount;
    }

    update() {
        const totals = new Map();
        for (const input of document.querySelectorAll(
            "input.o_b2b_pay_amount[form='o_b2b_pay_form']"
        )) {
            const invoiceId = input.name.slice("amount_".length);
            const box = document.querySelector(
                `input.o_b2b_pay_check[form='o_b2b_pay_form'][value='${invoiceId}']`
            );
            const amount = this.readAmount(input);
            input.classList.toggle("is-invalid", amount === null);
            if (!box?.checked || amount === null) {
                continue;
            }
            const currencyId = Number(input.dataset.b2bCurrencyId);
            const sign = Number(input.dataset.b2bSign || 1);
            totals.set(currencyId, (totals.get(currencyId) || 0) + sign * amount);
        }
        const list = this.el.querySelector(".o_b2b_pay_live_totals");
        list.replaceChildren(
            ...[...totals].map(([currencyId, total]) => {
                const item = document.createElement("li");
                item.className = "list-inline-item fw-bold o_b2b_pay_live_total";
                item.dataset.currencyId = currencyId;
                item.textContent = formatCurrency(total, currencyId);
                return item;
            })
        );
        this.el
            .querySelector(".o_b2b_pay_live_none")
            .classList.toggle("d-none", totals.size > 0);
    }
}

registry.category("public.interactions").add("b2b_customer.pay_totals", B2bPayTotals);
