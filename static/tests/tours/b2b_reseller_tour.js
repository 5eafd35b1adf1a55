import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_reseller_tour", {
    steps: () => [
        {
            content: "New customer",
            trigger: "a.o_b2b_new_customer",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Name",
            trigger: ".o_b2b_customer_details input[name=name]",
            run: "edit Tour Customer",
        },
        {
            content: "E-mail",
            trigger: ".o_b2b_customer_details input[name=email]",
            run: "edit tour@customer.example.org",
        },
        {
            content: "Save",
            trigger: ".o_b2b_save_customer",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Created",
            trigger: '.alert-success:contains("The customer was created")',
        },
        {
            content: "Delivery street",
            trigger: ".o_b2b_address_form input[name=street]",
            run: "edit Markt 87",
        },
        {
            content: "Delivery city",
            trigger: ".o_b2b_address_form input[name=city]",
            run: "edit Delft",
        },
        {
            content: "Delivery country (required)",
            trigger: ".o_b2b_address_form select[name=country_id]",
            run: "selectByLabel Netherlands",
        },
        {
            content: "Add the address",
            trigger: ".o_b2b_address_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The address is the default one",
            trigger: '#addresses + ul li:contains("Delft") .badge:contains("Default")',
        },
        {
            content: "New tag",
            trigger: ".o_b2b_customer_details input[name=new_tag]",
            run: "edit Tour Tag",
        },
        {
            content: "Save the tag",
            trigger: ".o_b2b_save_customer",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back to the list",
            trigger: '.breadcrumb a[href="/my/customers"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Filter by the tag",
            trigger: ".o_b2b_customer_filters select[name=tag]",
            run: "selectByLabel Tour Tag (1)",
        },
        {
            content: "Apply the filter",
            trigger: ".o_b2b_customer_filters button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the tagged customer is listed",
            trigger:
                '.o_b2b_customers tbody:not(:has(a:contains("End Customer One"))) a:contains("Tour Customer")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Archive it",
            trigger: ".o_b2b_archive_customer",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It shows among the archived customers",
            trigger: '.o_b2b_customers a:contains("Tour Customer")',
        },
    ],
});
