/**
 * Backing beans of the administration console's own pages ({@code /admin/*.xhtml}): the dashboard. The pages of each
 * menu section live in the sub-packages named after their folder ({@code agent}, {@code authz}, {@code settings}).
 * Like those, they only call domain services and never touch the database.
 */
package org.ams.web.admin;
