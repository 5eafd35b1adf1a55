import {Component, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const HOURS = 24;
const DAYS = 7;
const OFF = "0";
const ON = "1";
const PART = "2";

/**
 * Weekday x hour grid of a partner's reachability. The field value is a
 * string of 168 cells (Monday 00:00 first, hour by hour, in the partner's
 * time zone): "0" not reachable, "1" reachable the whole hour, "2" part of
 * the hour (a slot starts or ends within it, e.g. 08:30). Click a cell or
 * drag over cells to set or clear whole hours; the cells left alone keep
 * their value, so the server keeps the minutes of the slots behind them.
 *
 * The cells shown are read from the record at each rendering, so an edit of
 * the slot list (which recomputes the field) shows at once; only the cells
 * of a drag in progress are kept here until the mouse is released.
 */
export class ReachabilityGridField extends Component {
    static template = "b2b_customer.ReachabilityGridField";
    static props = {...standardFieldProps};

    setup() {
        this.days = [
            _t("Mon"),
            _t("Tue"),
            _t("Wed"),
            _t("Thu"),
            _t("Fri"),
            _t("Sat"),
            _t("Sun"),
        ];
        this.hours = [...Array(HOURS).keys()];
        this.state = useState({draft: null, painting: null});
        this.parsed = {value: null, cells: []};
    }

    get cells() {
        if (this.state.draft) {
            return this.state.draft;
        }
        const value = this.props.record.data[this.props.name] || "";
        if (value !== this.parsed.value) {
            const cells = [...Array(DAYS * HOURS).keys()].map((index) =>
                [ON, PART].includes(value[index]) ? value[index] : OFF
            );
            this.parsed = {value, cells};
        }
        return this.parsed.cells;
    }

    index(day, hour) {
        return day * HOURS + hour;
    }

    cellClass(day, hour) {
        return {
            [ON]: "o_b2b_cell_on bg-success",
            [PART]: "o_b2b_cell_partial bg-success-subtle",
            [OFF]: "",
        }[this.cells[this.index(day, hour)]];
    }

    cellTitle(day, hour) {
        const label = `${this.days[day]} ${hour}:00`;
        return this.cells[this.index(day, hour)] === PART
            ? _t("%(hour)s (part of the hour)", {hour: label})
            : label;
    }

    onMouseDown(day, hour, ev) {
        if (this.props.readonly) {
            return;
        }
        ev.preventDefault();
        const index = this.index(day, hour);
        const draft = [...this.cells];
        // a partly covered hour becomes a whole one, as an empty hour does
        this.state.painting = draft[index] === ON ? OFF : ON;
        draft[index] = this.state.painting;
        this.state.draft = draft;
    }

    onMouseEnter(day, hour) {
        if (this.state.painting !== null) {
            this.state.draft[this.index(day, hour)] = this.state.painting;
        }
    }

    async onMouseUp() {
        if (this.state.painting === null) {
            return;
        }
        this.state.painting = null;
        const value = this.state.draft.join("");
        try {
            await this.props.record.update({[this.props.name]: value});
        } finally {
            this.state.draft = null;
        }
    }
}

export const reachabilityGridField = {
    component: ReachabilityGridField,
    displayName: _t("Reachability Grid"),
    supportedTypes: ["char"],
};

registry.category("fields").add("b2b_reachability_grid", reachabilityGridField);
