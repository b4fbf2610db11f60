/**
 * The console for people: merchant admins, platform admins and support staff. Owns the console
 * users (hashed passwords, roles), the login (Jakarta Security, one mechanism for form login and
 * for the admin API's HTTP Basic) and the Thymeleaf pages served through Jakarta MVC. It reads the
 * business modules through their API packages only; it offers no API of its own.
 */
package com.stepup.gateway.console;
