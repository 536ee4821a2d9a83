/** The console's menu: one list of every page, in the administrator guide's words, filtered by role. */
package org.ams.web.navigation;
