/** How people sign in to the web app and which application roles they carry there. */
package org.ams.web.security;
