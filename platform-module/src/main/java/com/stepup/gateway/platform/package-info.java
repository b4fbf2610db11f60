/**
 * What every module's JSON API shares: RFC 9457 problems with field errors, reading and checking
 * JSON input field by field, and the list envelope. No business rules live here.
 */
package com.stepup.gateway.platform;
