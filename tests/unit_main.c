/* unit_main.c - runs every unit suite; exit status is the number of failures (capped). */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(arena_suite());
	srunner_add_suite(sr, xml_suite());
	srunner_add_suite(sr, xml_write_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
