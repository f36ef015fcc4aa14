/**
 * Web: JSF backing beans and the small glue that puts a model in front of a page (forwarding a failure or a result to
 * its view), and the HTTP-level guard every request passes: security headers, malformed-request refusals, the
 * container's error page, relative redirects. No business logic and no Azure calls live here.
 */
package dev.partnerconsent.http;
