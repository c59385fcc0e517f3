/**
 * Playing recordings in the browser (issue 22, item 4): the files of a recording, decrypted
 * as they are streamed by byte range, and the player page's data. Who may play what is the
 * application's rule ({@code RecordingLibrary}); nothing decrypted is written anywhere.
 */
package org.consilium.web.recording;
