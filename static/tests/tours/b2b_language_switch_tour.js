import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_language_switch_tour", {
    steps: () => [
        {
            content: "The B2B page opens in English",
            trigger: ".o_b2b_account h3:contains(B2B account)",
        },
        {
            content: "Open the language selector",
            trigger: ".js_language_selector button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Switch to German",
            trigger: ".js_language_selector a.js_change_lang:contains(Deutsch)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The B2B page speaks German",
            trigger: ".o_b2b_account h3:contains(B2B-Konto)",
        },
        {
            content: "So does the company's credit",
            trigger: "#b2b_credit .card-header:contains(Firmenkredit)",
        },
    ],
});
