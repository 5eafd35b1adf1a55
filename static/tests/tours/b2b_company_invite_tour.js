import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_company_invite_tour", {
    steps: () => [
        {
            content: "The company's users are listed",
            trigger: '.o_b2b_colleagues td:contains("Ulrich User")',
        },
        {
            content: "Colleague's name",
            trigger: ".o_b2b_invite input[name=name]",
            run: "edit Tina Teammate",
        },
        {
            content: "Colleague's e-mail",
            trigger: ".o_b2b_invite input[name=email]",
            run: "edit tina@alpha.example.com",
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
            content: "The colleague is listed",
            trigger: '.o_b2b_colleagues td:contains("Tina Teammate")',
        },
        {
            content: "Search a colleague by e-mail",
            trigger: ".o_b2b_colleague_search input[name=search]",
            run: "edit tina@alpha",
        },
        {
            content: "Search",
            trigger: ".o_b2b_colleague_search button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the colleague searched for is listed",
            trigger:
                '.o_b2b_colleagues:has(td:contains("Tina Teammate")):not(:has(td:contains("Ulrich User")))',
        },
    ],
});
