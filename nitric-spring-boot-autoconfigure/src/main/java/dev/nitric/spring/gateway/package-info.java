/**
 * The gateway emulation: how AWS API Gateway (HTTP API JWT authorizer), GCP API Gateway (ESPv2) and Azure API
 * Management ({@code validate-jwt}, as Nitric's deployer configures it) accept or reject a request, reproduced case
 * by case; and, behind the real gateways, where each one passes the verified caller to the application
 * ({@link dev.nitric.spring.gateway.BehindGateway}). Imports nothing from Spring, so that the deployer configures the
 * real gateways from the same description.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html">AWS HTTP
 * API JWT authorizers</a>
 * @see <a href="https://cloud.google.com/api-gateway/docs/authenticating-users-jwt">GCP API Gateway JWT
 * authentication</a>
 * @see <a href="https://learn.microsoft.com/azure/api-management/validate-jwt-policy">Azure API Management
 * validate-jwt</a>
 */
@NullMarked
package dev.nitric.spring.gateway;

import org.jspecify.annotations.NullMarked;
