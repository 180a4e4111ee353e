/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Force-included (-include) into each suite source the image links. The
 * source is compiled with -Dmain=suite_<name>_main, so this line declares
 * that function, the suite's renamed main, and -Wmissing-prototypes holds.
 */
int main(void);
