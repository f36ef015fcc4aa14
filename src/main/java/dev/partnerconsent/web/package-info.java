/**
 * Web: JSF backing beans and the small glue that puts a model in front of a page (forwarding a failure or
 * a result to its view). No business logic and no Azure calls live here.
 */
package dev.partnerconsent.web;
