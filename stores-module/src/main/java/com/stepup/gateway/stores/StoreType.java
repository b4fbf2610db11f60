package com.stepup.gateway.stores;

/** Klarna's store types. Only a PHYSICAL_STORE has terminals and takes in-store payments. */
public enum StoreType {
  PHYSICAL_STORE,
  WEBSITE,
  MOBILE_APP
}
