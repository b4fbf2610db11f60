package com.stepup.gateway.stores.internal;

/** A merchant's status, settings or keys changed: what answers for its API keys is out of date. */
record MerchantChanged(String merchantId) {}
