/**
 * Use cases, one service per sentence a user or operator would say ("record that a
 * clinician signed in"). Services find the aggregate, ask it to change, and store it;
 * they hold no persistence or protocol details.
 */
package org.consilium.application;
