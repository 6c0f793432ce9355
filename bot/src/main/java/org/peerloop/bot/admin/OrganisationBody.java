package org.peerloop.bot.admin;

/** An organisation as the admin API reads and writes it. */
record OrganisationBody(String slug, String name) {}
