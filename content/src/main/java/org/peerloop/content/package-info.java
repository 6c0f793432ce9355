/** Flows as data and the pure conversation engine: no Spring, no store, no HTTP, no clock. */
package org.peerloop.content;
