import {Component, onWillUpdateProps, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const HOURS = 24;
const DAYS = 7;

/**
 * Weekday x hour grid of a partner's reachability. The field value is a
 * string of 168 "0"/"1" characters (Monday 00:00 first, hour by hour, in the
 * partner's time zone); click a cell or drag over cells to toggle them.
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
        this.state = useState({cells: this.parse(this.props), painting: null});
        onWillUpdateProps((nextProps) => {
            if (this.state.painting === null) {
                this.state.cells = this.parse(nextProps);
            }
        });
    }

    parse(props) {
        const value = props.record.data[props.name] || "";
        return [...Array(DAYS * HOURS).keys()].map((index) => value[index] === "1");
    }

    index(day, hour) {
        return day * HOURS + hour;
    }

    onMouseDown(day, hour, ev) {
        if (this.props.readonly) {
            return;
        }
        ev.preventDefault();
        const index = this.index(day, hour);
        this.state.painting = !this.state.cells[index];
        this.state.cells[index] = this.state.painting;
    }

    onMouseEnter(day, hour) {
        if (this.state.painting !== null) {
            this.state.cells[this.index(day, hour)] = this.state.painting;
        }
    }

    async onMouseUp() {
        if (this.state.painting === null) {
            return;
        }
        this.state.painting = null;
        const value = this.state.cells.map((cell) => (cell ? "1" : "0")).join("");
        await this.props.record.update({[this.props.name]: value});
    }
}

export const reachabilityGridField = {
    component: ReachabilityGridField,
    displayName: _t("Reachability Grid"),
    supportedTypes: ["char"],
};

registry.category("fields").add("b2b_reachability_grid", reachabilityGridField);
