package com.stepup.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Klarna's paths sit at the root of the sandbox's context; test controls under /sandbox. */
@ApplicationPath("/")
public class SandboxApplication extends Application {}
