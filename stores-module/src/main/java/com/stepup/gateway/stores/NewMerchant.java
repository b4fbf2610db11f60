package com.stepup.gateway.stores;

/** What a platform admin gives to create a merchant. */
public record NewMerchant(String name, String partnerAccountId, String notificationUrl) {}
