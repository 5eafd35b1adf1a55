import {registry} from "@web/core/registry";

// A group administrator filters the group's orders by subsidiary, then
// invites a colleague into that subsidiary.
registry.category("web_tour.tours").add("b2b_group_tour", {
    steps: () => [
        {
            content: "The orders of the whole group, with their company",
            trigger: 'td.o_b2b_company_column:contains("Alpha South")',
        },
        {
            content: "Open the company filter",
            trigger: "#b2b_company_filter",
            run: "click",
        },
        {
            content: "Only the depot's orders",
            trigger: '.o_b2b_company_option:contains("Alpha Depot")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The filter says which company",
            trigger: '#b2b_company_filter:contains("Alpha Depot")',
        },
        {
            content: "The depot's orders are listed, the others are not",
            trigger:
                '.o_portal_my_doc_table:has(td.o_b2b_company_column:contains("Alpha Depot")):not(:has(td.o_b2b_company_column:contains("Alpha South")))',
        },
        {
            content: "Go to the company users",
            trigger: "body",
            run: "goToUrl /my/company",
            expectUnloadPage: true,
        },
        {
            content: "The subsidiaries and their users are listed",
            trigger: '.o_b2b_subsidiary td:contains("Dora Depot")',
        },
        {
            content: "Colleague's name",
            trigger: ".o_b2b_invite input[name=name]",
            run: "edit Theo Tour",
        },
        {
            content: "Colleague's e-mail",
            trigger: ".o_b2b_invite input[name=email]",
            run: "edit theo@depot.example.com",
        },
        {
            content: "Into the depot",
            trigger: ".o_b2b_invite select[name=company_id]",
            run: "selectByLabel Alpha Depot",
        },
        {
            content: "As a user",
            trigger: ".o_b2b_invite select[name=b2b_role]",
            run: "selectByLabel User",
        },
        {
            content: "Invite",
            trigger: ".o_b2b_invite button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invitation was sent",
            trigger: '.alert-success:contains("The invitation was sent")',
        },
        {
            content: "The colleague is listed under the depot",
            trigger: '.o_b2b_subsidiary td:contains("Theo Tour")',
        },
    ],
});
