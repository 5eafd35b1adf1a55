import {registry} from "@web/core/registry";

const card = (name) => `div[name='address_card']:contains(${name})`;

registry.category("web_tour.tours").add("b2b_portal_address_tour", {
    url: "/my/addresses",
    steps: () => [
        {
            content: "Add a delivery address",
            trigger: "a.o_address_card_add_new[data-address-type='delivery']",
            run: "click",
            expectUnloadPage: true,
        },
        {trigger: "input[name='name']", run: "edit Gamma Depot"},
        {trigger: "input[name='email']", run: "edit gamma@alpha.example.com"},
        {trigger: "input[name='phone']", run: "edit +32 9 111 22 33"},
        {trigger: "input[name='street']", run: "edit Quay 3"},
        {trigger: "input[name='city']", run: "edit Ghent"},
        {trigger: "input[name='zip']", run: "edit 9000"},
        {
            content: "Belgium",
            trigger: "select[name='country_id']",
            run() {
                const option = [...this.anchor.options].find(
                    (o) => o.textContent.trim() === "Belgium"
                );
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Another company receives here on our behalf",
            trigger: "input[name='b2b_consignee']",
            run: "check",
        },
        {
            content: "Save the address",
            trigger: "#save_address",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Make it the default delivery address",
            trigger: `${card("Gamma Depot")} .o_b2b_set_default_delivery button`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is the default now",
            trigger: `${card("Gamma Depot")} .o_b2b_default_delivery`,
        },
        {
            content: "And marked as a consignee's address",
            trigger: `${card("Gamma Depot")} .o_b2b_consignee`,
        },
        {
            content: "Archive the old depot",
            trigger: `${card("Old Depot")} .o_remove_address`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The old depot is gone",
            trigger:
                ".o_portal_addresses:not(:has(div[name='address_card']:contains(Old Depot)))",
        },
    ],
});
