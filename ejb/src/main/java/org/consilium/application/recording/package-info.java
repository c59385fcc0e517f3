/**
 * Recording visits (issue 22, docs/recording.md): the recorder a live call uses once a host
 * starts a recording, which writes each consenting participant's media from the bridge's tap
 * into encrypted files and keeps the records of the recording, its consents and its files.
 */
package org.consilium.application.recording;
