package io.sluice.transforms.expr;

import org.apache.commons.jexl3.introspection.JexlPermissions;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * What JEXL's introspection may reach: the public methods of {@link ExpressionFunctions} and of
 * {@link RowFunctions} (its per-row subclass) and nothing else. No constructor, no field, no method or property of any other class (so no
 * {@code getClass()}, no {@code java.io}, no {@code Runtime}); operators on values are evaluated
 * by {@link SqlArithmetic}, not by reflection.
 */
final class SandboxPermissions implements JexlPermissions {

    static final SandboxPermissions INSTANCE = new SandboxPermissions();

    private SandboxPermissions() {}

    @Override
    public boolean allow(Package pack) {
        return pack != null && pack.equals(ExpressionFunctions.class.getPackage());
    }

    @Override
    public boolean allow(Class<?> clazz) {
        return clazz == ExpressionFunctions.class || clazz == RowFunctions.class;
    }

    @Override
    public boolean allow(Constructor<?> ctor) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        return Modifier.isPublic(method.getModifiers())
                && (declaring == ExpressionFunctions.class && Modifier.isStatic(method.getModifiers())
                        || declaring == RowFunctions.class);
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    /** Composition would widen the sandbox: refused. */
    @Override
    public JexlPermissions compose(String... src) {
        throw new UnsupportedOperationException("the expression sandbox cannot be widened");
    }
}
