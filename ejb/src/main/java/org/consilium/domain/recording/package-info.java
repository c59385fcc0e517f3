/**
 * Recordings of visits (issue 22): who started one and when it stopped, each participant's
 * answer to the consent question and the text they were shown, and the files written. A
 * participant's media is written only after their consent (REQUIREMENTS D3, D5).
 */
package org.consilium.domain.recording;
