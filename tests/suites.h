/* suites.h - every Check suite the unit runner (tests/unit_main.c) runs. */
#ifndef XMPPD_TEST_SUITES_H
#define XMPPD_TEST_SUITES_H

#include <check.h>

Suite *arena_suite(void);
Suite *xml_suite(void);
Suite *xml_write_suite(void);

#endif
