/** Cadences and due work; knows nothing of channels. */
package org.peerloop.scheduler;
