# shellcheck shell=bash
# The languages of the demo, loaded with their translations by scripts/demo.sh
# and by the tests on a demo database (TEST_DEMO=1). English comes first: Odoo
# makes the first language loaded into a new database the language of its
# administrator and the default of every partner.
DEMO_LANGUAGES="en_US,de_DE,nl_NL,fr_FR"
