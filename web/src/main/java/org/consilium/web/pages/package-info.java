/** Backing beans of the server-rendered Faces pages (sign-in, landing page, error pages). */
package org.consilium.web.pages;
