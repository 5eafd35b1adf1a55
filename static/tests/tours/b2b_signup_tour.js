import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_signup_tour", {
    url: "/web/signup",
    steps: () => [
        {
            content: "Name",
            trigger: "input[name=name]",
            run: "edit Tom Tourist",
        },
        {
            content: "E-mail",
            trigger: "input[name=login]",
            run: "edit tom@tourist-trade.example.nl",
        },
        {
            content: "Password",
            trigger: "input[name=password]",
            run: "edit Tour-Password-42",
        },
        {
            content: "Confirm the password",
            trigger: "input[name=confirm_password]",
            run: "edit Tour-Password-42",
        },
        {
            content: "The company fields are hidden until B2B is chosen",
            trigger: ".o_b2b_signup_fields:not(:visible)",
        },
        {
            content: "Create a B2B account",
            trigger: "input[name=is_b2b]",
            run: "click",
        },
        {
            content: "Company name",
            trigger: "input[name=company_name]:visible",
            run: "edit Tourist Trade BV",
        },
        {
            content: "VAT number",
            trigger: "input[name=vat]:visible",
            run: "edit NL123456782B90",
        },
        {
            content: "Department",
            trigger: "input[name=b2b_department]:visible",
            run: "edit Inkoop",
        },
        {
            content: "Sign up",
            trigger: ".oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The B2B page shows the pending request",
            trigger: '.o_b2b_account .badge:contains("Waiting for approval")',
        },
        {
            content: "with the company",
            trigger: '.o_b2b_account .card-title:contains("Tourist Trade BV")',
        },
    ],
});
