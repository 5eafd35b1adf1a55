import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_reseller_sepa_tour", {
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
            run: "edit Sepa Tour BV",
        },
        {
            content: "Pays by SEPA direct debit",
            trigger: ".o_b2b_customer_details select[name=payment_method_id]",
            run: "selectByLabel SEPA direct debit",
        },
        {
            content: "IBAN",
            trigger: ".o_b2b_customer_details input[name=iban]",
            run: "edit NL91ABNA0417164300",
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
            content: "The IBAN is stored, shown masked",
            trigger: '.o_b2b_stored_iban:contains("NL91 **** **** 4300")',
        },
        {
            content: "The IBAN field is empty: nothing to retype",
            trigger: ".o_b2b_customer_details input[name=iban]:value(/^$/)",
        },
        {
            content: "Change only the city",
            trigger: ".o_b2b_customer_details input[name=city]",
            run: "edit Utrecht",
        },
        {
            content: "Save without retyping the IBAN",
            trigger: ".o_b2b_save_customer",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved",
            trigger: '.alert-success:contains("Saved.")',
        },
        {
            content: "The city is saved",
            trigger: '.o_b2b_customer_details input[name=city]:value("Utrecht")',
        },
        {
            content: "The IBAN is still stored",
            trigger: '.o_b2b_stored_iban:contains("NL91 **** **** 4300")',
        },
    ],
});
