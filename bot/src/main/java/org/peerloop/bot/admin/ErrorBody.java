package org.peerloop.bot.admin;

/** Every refusal of the admin API: {@code {"error": "a sentence saying what to fix"}}. */
record ErrorBody(String error) {}
