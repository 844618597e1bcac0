package dev.nitric.spring.autoconfigure.gateway;

import dev.nitric.spring.gateway.VerifiedToken;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a handler method parameter of type {@link VerifiedToken} to the token the gateway verified for the
 * current request, or {@code null} when there is none (a public route, or a handler outside the manifest). Never
 * answers 401 itself: the gateway has already decided.
 */
public final class VerifiedTokenArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return VerifiedToken.class.equals(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		return webRequest.getAttribute(NitricGatewayFilter.VERIFIED_TOKEN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
	}

}
